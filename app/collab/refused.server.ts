/** A message the server refuses; its sender is told the message, nothing is stored or sent on. */
export class RefusedMessage extends Error {}

/** Refused because the document holds as much as it may (MAX_DOCUMENT_BYTES); compacting it may make room. */
export class DocumentFull extends RefusedMessage {}
