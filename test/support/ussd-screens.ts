/**
 * One screen of a USSD session posted to the app's callback `url` as Africa's Talking posts it: a form
 * with the session, the service code dialled, the phone, the network, and what the person has typed so
 * far joined by `*` (`inputs`: none on the first screen).
 */
export function postUssdScreen(
  url: string,
  screen: { sessionId: string; phoneNumber: string; inputs: ReadonlyArray<string>; serviceCode: string },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      sessionId: screen.sessionId,
      serviceCode: screen.serviceCode,
      phoneNumber: screen.phoneNumber,
      networkCode: '63510',
      text: screen.inputs.join('*'),
    }).toString(),
  });
}
