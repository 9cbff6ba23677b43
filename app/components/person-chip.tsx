import { Link } from "@remix-run/react";

export function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** A person's initials and name, linking to their directory card. */
export function PersonChip({ person, detail }: { person: { id: string; name: string }; detail?: string | null }) {
  return (
    <div className="person">
      <span className="avatar" aria-hidden="true">
        {initials(person.name)}
      </span>
      <div>
        <Link to={`/people/${person.id}`}>{person.name}</Link>
        {detail ? <div className="small muted">{detail}</div> : null}
      </div>
    </div>
  );
}
