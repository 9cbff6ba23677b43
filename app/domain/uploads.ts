/** The largest file a person may attach (milestone evidence, workshop materials). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
