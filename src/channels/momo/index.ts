export { momoArea } from './momo.area.ts';
