export const auth = {
  signIn: {
    title: "Sign in to FocalPoint",
    intro: "For ASEAN skills focal points, task forces, facilitators and the ASEAN Secretariat.",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    forgot: "Forgot your password?",
    invalid: "The e-mail address or password is not correct.",
    throttled: "Too many failed attempts. Please wait {{seconds}} seconds and try again.",
    signedOut: "You have signed out.",
  },
  forgot: {
    title: "Reset your password",
    intro:
      "Enter the e-mail address of your account. If it exists, we will send a link to choose a new password. The link works once and expires after one hour.",
    submit: "Send reset link",
    sent: "If an account exists for that address, a reset link is on its way. Check your e-mail.",
    backToSignIn: "Back to sign in",
    emailSubject: "Reset your FocalPoint password",
    emailBody:
      "Hello {{name}},\n\nSomeone (we hope you) asked to reset the password of your FocalPoint account. Open this link to choose a new password:\n\n{{link}}\n\nThe link works once and expires in one hour. If you did not ask for this, ignore this message: your password stays as it is.\n\nFocalPoint",
  },
  reset: {
    title: "Choose a new password",
    newPassword: "New password",
    confirmPassword: "Repeat the new password",
    submit: "Save new password",
    invalidLink: "This link is not valid any more: it has been used or has expired. Ask for a new one.",
    mismatch: "The two passwords are not the same.",
    done: "Your password has been changed. You are signed in, and other sessions have been signed out.",
    hint: "At least {{min}} characters. A short sentence is easy to remember and hard to guess.",
  },
  invitation: {
    title: "Welcome to FocalPoint",
    intro: "{{inviter}} invited you to FocalPoint as {{roles}}. Choose a password to finish setting up your account.",
    introNoInviter:
      "You have been invited to FocalPoint as {{roles}}. Choose a password to finish setting up your account.",
    name: "Your name as colleagues know it",
    submit: "Create my account",
    invalidLink:
      "This invitation is not valid any more: it has been used, revoked or has expired. Ask the person who invited you for a new one.",
    emailSubject: "You are invited to FocalPoint",
    emailBody:
      "Hello {{name}},\n\n{{inviter}} invited you to FocalPoint, the workspace for the ASEAN Mutual Recognition of Skills, as {{roles}}.\n\nOpen this link to choose your password and sign in:\n\n{{link}}\n\nThe invitation expires on {{expires}}.\n\nFocalPoint",
  },
};
