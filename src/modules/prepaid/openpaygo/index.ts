export { type DecodeOptions, decodeForSupport, generateTokenLines } from './openpaygo.cli.ts';
export {
  type DecodeResult,
  type DeviceState,
  decodeToken,
  type EncodedToken,
  type EncodeInput,
  encodeToken,
  OpenPaygoError,
  startingCodeFromKey,
  TOKEN_TYPES,
  type TokenType,
} from './openpaygo.ts';
