/**
 * A socket.io event's arguments and the function that answers it. socket.io
 * passes the sender's acknowledgement as the last argument, wherever that
 * falls: an event sent with no payload at all still gets its answer (a clear
 * error) instead of its callback being read as the payload.
 */
export function argumentsAndReply<T>(args: unknown[]): [unknown[], (reply: T) => void] {
  const last = args.at(-1);
  if (typeof last !== "function") return [args, () => {}];
  return [args.slice(0, -1), last as (reply: T) => void];
}
