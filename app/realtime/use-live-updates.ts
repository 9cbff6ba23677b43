import type { Socket } from "socket.io-client";
import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ChangeEvent, Topic } from "./topics";

export type LiveStatus = "connecting" | "connected" | "offline";

/**
 * Follow topics and reload the page's data when one of them changes, so a
 * milestone saved in Phnom Penh shows in Jakarta without a reload. Bursts of
 * changes are folded into one revalidation.
 */
export function useLiveUpdates(topics: Topic[], onChange?: (event: ChangeEvent) => void): LiveStatus {
  const revalidator = useRevalidator();
  const navigationBusy = useNavigation().state !== "idle";
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const key = [...topics].sort().join(",");
  const latest = useRef({ revalidator, onChange, navigationBusy });
  latest.current = { revalidator, onChange, navigationBusy };
  // A change that arrives during a navigation waits for it: revalidating then
  // would abort the navigation's own loads, and with them the one request that
  // carries the page's one-time message (the toast after a save).
  const [changedDuringNavigation, setChangedDuringNavigation] = useState(false);
  useEffect(() => {
    if (navigationBusy || !changedDuringNavigation) return;
    setChangedDuringNavigation(false);
    revalidator.revalidate();
  }, [navigationBusy, changedDuringNavigation, revalidator]);

  useEffect(() => {
    if (!key) return;
    const wanted = key.split(",") as Topic[];
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let socket: Socket | undefined;

    // Changes published while the socket was away are not replayed (the server
    // keeps no recovery buffer), so the first subscription after a reconnect reloads once.
    let missedChanges = false;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (latest.current.navigationBusy) setChangedDuringNavigation(true);
        else latest.current.revalidator.revalidate();
      }, 150);
    };
    const subscribe = () =>
      socket?.emit("subscribe", { topics: wanted }, () => {
        if (cancelled) return;
        setStatus("connected");
        if (missedChanges) reload();
        missedChanges = false;
      });
    const onConnect = () => subscribe();
    const onDisconnect = () => {
      missedChanges = true;
      if (!cancelled) setStatus("offline");
    };
    const onChanged = (event: ChangeEvent) => {
      if (!wanted.includes(event.topic)) return;
      latest.current.onChange?.(event);
      reload();
    };

    // socket.io-client loads only in the browser and only on pages that follow something.
    void import("./socket.client").then(({ getSocket }) => {
      if (cancelled) return;
      socket = getSocket();
      socket.on("connect", onConnect);
      socket.on("disconnect", onDisconnect);
      socket.on("changed", onChanged);
      if (socket.connected) subscribe();
    });

    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (!socket) return;
      socket.emit("unsubscribe", { topics: wanted });
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("changed", onChanged);
    };
  }, [key]);

  return status;
}
