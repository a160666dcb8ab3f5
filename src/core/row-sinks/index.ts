export { type RowCell, type RowSink, RowSinkError, type RowTarget } from './row-sink.ts';
