export { emailArea } from './email.area.ts';
