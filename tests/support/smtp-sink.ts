import net from "node:net";

/**
 * A mail server on 127.0.0.1 that speaks just enough SMTP for nodemailer and
 * keeps what it receives, so tests can send real mail without a network. Each
 * message is accepted after `delayMs`, as a slow remote server would.
 */
export type SmtpSink = {
  port: number;
  received: { to: string[]; data: string }[];
  delayMs: number;
  close: () => Promise<void>;
};

export async function startSmtpSink(delayMs = 0): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, received: [], delayMs, close: async () => {} };
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let to: string[] = [];
    socket.setEncoding("utf8");
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          const data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const recipients = to;
          to = [];
          setTimeout(() => {
            sink.received.push({ to: recipients, data });
            socket.write("250 queued\r\n");
          }, sink.delayMs);
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 sink\r\n");
        else if (verb === "MAIL") socket.write("250 ok\r\n");
        else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.port = (server.address() as net.AddressInfo).port;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}
