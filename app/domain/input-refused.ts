/**
 * A write the domain refuses because of what was entered (a milestone of
 * another country, a due date before the start): the field it concerns
 * ("form" for the whole form) and a translation key that says why. The form's
 * action shows it beside that field; nothing has been written.
 */
export class InputRefused extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: string,
    readonly values?: Record<string, unknown>,
  ) {
    super(messageKey);
  }
}
