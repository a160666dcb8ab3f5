export { airtelArea } from './airtel.area.ts';
