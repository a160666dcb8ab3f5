export { decodeForSupport, generateTokenLines, OpenPaygoError } from './openpaygo/index.ts';
