/** Long passwords beat complex ones (NIST SP 800-63B): a minimum length and nothing else. */
export const MIN_PASSWORD_LENGTH = 10;
