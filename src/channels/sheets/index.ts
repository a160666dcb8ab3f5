export { sheetsArea } from './sheets.area.ts';
