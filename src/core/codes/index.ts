export { checkCharacterFor } from './check-character.ts';
export { CODE_ALPHABET, MAX_CODE_LENGTH, MIN_CODE_LENGTH } from './code-alphabet.ts';
export { CodeErrors } from './codes.errors.ts';
export { formatCode } from './format-code.ts';
export { generateCode, type RandomBytes } from './generate-code.ts';
export { isValidCode, normalizeCode, parseCode } from './parse-code.ts';
export { createUniqueCode } from './unique-code.ts';
