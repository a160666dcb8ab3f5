/** One uploaded file from a multipart/form-data body. */
export interface MultipartFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

/** A parsed multipart/form-data body: plain fields as strings, file parts by field name. */
export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, MultipartFile>;
}

export function isMultipartForm(body: unknown): body is MultipartForm {
  return typeof body === 'object' && body !== null && 'fields' in body && 'files' in body;
}

/**
 * A tolerant multipart parser: grammY writes `content-disposition:form-data;name="x";filename=y` with no spaces
 * and an unquoted filename, which stricter parsers (undici's FormData) reject, so we parse headers by hand.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartForm {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw Object.assign(new Error('multipart body without boundary'), { statusCode: 400 });
  const form: MultipartForm = { fields: {}, files: {} };
  const delimiter = Buffer.from(`--${boundary}`);
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const partStart = cursor + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), partStart);
    if (next === -1) break;
    addPart(form, body.subarray(partStart + 2, next));
    cursor = next + 2;
  }
  return form;
}

function addPart(form: MultipartForm, part: Buffer): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) return;
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition') ?? '';
  const name = dispositionParam(disposition, 'name');
  if (name === undefined) return;
  const data = part.subarray(headerEnd + 4);
  const fileName = dispositionParam(disposition, 'filename');
  if (fileName === undefined) {
    form.fields[name] = data.toString('utf8');
    return;
  }
  const contentType = headers.get('content-type') ?? 'application/octet-stream';
  form.files[name] = { fieldName: name, fileName, contentType, data: Buffer.from(data) };
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"([^"]*)"|([^;]*))`, 'i').exec(disposition);
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? '').trim();
}
