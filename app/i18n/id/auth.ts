import type { auth as en } from "../en/auth";
import type { Translation } from "../types";

export const auth: Translation<typeof en> = {
  signIn: {
    title: "Masuk ke FocalPoint",
    intro: "Untuk narahubung keterampilan ASEAN, gugus tugas, fasilitator, dan Sekretariat ASEAN.",
    email: "Alamat e-mail",
    password: "Kata sandi",
    submit: "Masuk",
    submitting: "Sedang masuk…",
    forgot: "Lupa kata sandi?",
    invalid: "Alamat e-mail atau kata sandi tidak benar.",
    throttled: "Terlalu banyak percobaan gagal. Tunggu {{seconds}} detik lalu coba lagi.",
    signedOut: "Anda telah keluar.",
  },
  forgot: {
    title: "Atur ulang kata sandi",
    intro:
      "Masukkan alamat e-mail akun Anda. Jika akun itu ada, kami akan mengirim tautan untuk memilih kata sandi baru. Tautan hanya berlaku sekali dan kedaluwarsa setelah satu jam.",
    submit: "Kirim tautan",
    sent: "Jika ada akun untuk alamat itu, tautan untuk mengatur ulang sedang dikirim. Periksa e-mail Anda.",
    backToSignIn: "Kembali ke halaman masuk",
    emailSubject: "Atur ulang kata sandi FocalPoint Anda",
    emailBody:
      "Halo {{name}},\n\nSeseorang (semoga Anda) meminta untuk mengatur ulang kata sandi akun FocalPoint Anda. Buka tautan ini untuk memilih kata sandi baru:\n\n{{link}}\n\nTautan hanya berlaku sekali dan kedaluwarsa dalam satu jam. Jika Anda tidak memintanya, abaikan pesan ini: kata sandi Anda tetap sama.\n\nFocalPoint",
  },
  reset: {
    title: "Pilih kata sandi baru",
    newPassword: "Kata sandi baru",
    confirmPassword: "Ulangi kata sandi baru",
    submit: "Simpan kata sandi baru",
    invalidLink: "Tautan ini sudah tidak berlaku: sudah dipakai atau kedaluwarsa. Mintalah tautan baru.",
    mismatch: "Kedua kata sandi tidak sama.",
    done: "Kata sandi Anda telah diubah. Anda sudah masuk, dan sesi lain telah dikeluarkan.",
    hint: "Paling sedikit {{min}} karakter. Kalimat pendek mudah diingat dan sulit ditebak.",
  },
  invitation: {
    title: "Selamat datang di FocalPoint",
    intro:
      "{{inviter}} mengundang Anda ke FocalPoint sebagai {{roles}}. Pilih kata sandi untuk menyelesaikan pembuatan akun Anda.",
    introNoInviter:
      "Anda diundang ke FocalPoint sebagai {{roles}}. Pilih kata sandi untuk menyelesaikan pembuatan akun Anda.",
    name: "Nama Anda sebagaimana dikenal rekan kerja",
    submit: "Buat akun saya",
    invalidLink:
      "Undangan ini sudah tidak berlaku: sudah dipakai, dicabut, atau kedaluwarsa. Mintalah undangan baru kepada orang yang mengundang Anda.",
    emailSubject: "Anda diundang ke FocalPoint",
    emailBody:
      "Halo {{name}},\n\n{{inviter}} mengundang Anda ke FocalPoint, ruang kerja untuk Pengakuan Bersama atas Keterampilan ASEAN, sebagai {{roles}}.\n\nBuka tautan ini untuk memilih kata sandi dan masuk:\n\n{{link}}\n\nUndangan kedaluwarsa pada {{expires}}.\n\nFocalPoint",
  },
};
