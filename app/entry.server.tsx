import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDocumentRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nConfig } from "~/i18n/config";
import { getLocale } from "~/i18n/i18n.server";
import { logger } from "~/utils/logger.server";
import { NonceContext } from "~/utils/nonce";

// The real-time module and the housekeeping are reached through the server
// build, so that the HTTP routes, socket.io and timers share one module graph
// (one database client, one document manager) in development and production alike.
export { attachRealtime } from "~/realtime/server.server";
export { startHousekeeping } from "~/auth/housekeeping.server";
export { startJobWorker } from "~/jobs/worker.server";
export { startNotices } from "~/notices/listener.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

const handleRequest: HandleDocumentRequestFunction = async (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, lng: await getLocale(request) });
  const nonce = loadContext.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext.requestId }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
};

export default handleRequest;

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  // Thrown responses (403, 404, redirects) are answers, not errors; so are the
  // 4xx Remix gives itself (a POST to a page without an action is a 405).
  if (error instanceof Response || (isRouteErrorResponse(error) && error.status < 500)) return;
  logger.error({ err: error, url: request.url, requestId: context.requestId }, "unhandled error in loader or action");
};
