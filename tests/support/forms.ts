/**
 * Reading a form action's answer as the page would: Conform's reply
 * (`{ result }`), with its messages per field and for the whole form.
 */
type Reply = { data?: { result?: { status?: string; error?: Record<string, string[] | null> | null } } };

/** The first message beside each field ("" for the whole form), as the page shows them. */
export function fieldErrorsOf(reply: unknown): Record<string, string> {
  const error = (reply as Reply).data?.result?.error ?? {};
  return Object.fromEntries(
    Object.entries(error).flatMap(([field, messages]) => (messages?.length ? [[field, messages[0]!]] : [])),
  );
}
