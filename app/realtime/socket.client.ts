import { io, type Socket } from "socket.io-client";
import msgpackParser from "socket.io-msgpack-parser";
import { SOCKET_PATH } from "./topics";

let socket: Socket | undefined;

/** The browser's one socket to the server, opened on first use and shared by every hook. */
export function getSocket(): Socket {
  socket ??= io({
    path: SOCKET_PATH,
    parser: msgpackParser,
    withCredentials: true,
    transports: ["websocket", "polling"],
  });
  return socket;
}
