export { createChangeSignal } from './change-signal.ts';
export { createHeldReplies } from './held-replies.ts';
export { bearerToken, createLoopbackApp, listenOnLoopback, type ReceivedRequest } from './loopback-app.ts';
export { isMultipartForm, type MultipartFile, type MultipartForm, parseMultipart } from './multipart-form.ts';
