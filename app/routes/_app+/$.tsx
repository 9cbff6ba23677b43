import { GeneralErrorBoundary } from "~/components/error-boundary";

// Unknown addresses inside the app get the "not found" page within the shell.
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
