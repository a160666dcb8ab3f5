export { emailArea } from './email.area.ts';
export {
  type CaughtMail,
  type CaughtMailServer,
  startCaughtMailServer,
} from './sandbox/caught-mail-server.ts';
