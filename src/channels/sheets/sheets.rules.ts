/**
 * Whether Google's answer means "sending the same request again will fail too" (Sheets API
 * errors: 400 bad range or missing sheet, 403 no access, 404 no such spreadsheet; from the token
 * endpoint 400/401 for a wrong key or account). 408, 429 and 5xx are worth retrying.
 */
export function permanentGoogleStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Whether Google's 400 says the range names a tab the spreadsheet lacks: `values:append` to
 * `Nope!A1` answers `Unable to parse range: Nope!A1` (INVALID_ARGUMENT), as it does for bad A1 text.
 */
export function missingSheet(body: string): boolean {
  return /Unable to parse range/i.test(body);
}
