import type { account as en } from "../en/account";
import type { Translation } from "../types";

export const account: Translation<typeof en> = {
  title: "Akun saya",
  intro: "Profil Anda sebagaimana dilihat rekan di direktori, bahasa, kata sandi, dan tempat Anda sedang masuk.",
  profile: {
    heading: "Profil",
    name: "Nama",
    position: "Jabatan",
    phone: "Telepon",
    sex: "Jenis kelamin",
    sexHint: "Hanya dipakai untuk statistik lokakarya terpilah menurut jenis kelamin yang diminta donor.",
    organisation: "Organisasi",
    noOrganisation: "Tanpa organisasi",
    email: "Alamat e-mail",
    emailHint: "Untuk mengganti alamat e-mail, hubungi administrator.",
    saved: "Profil Anda telah disimpan.",
  },
  language: {
    choice: "Tampilkan FocalPoint dalam",
    hint: "Juga tersedia di bagian bawah menu pada setiap halaman.",
  },
  password: {
    heading: "Ganti kata sandi",
    current: "Kata sandi saat ini",
    submit: "Ganti kata sandi",
    wrongCurrent: "Kata sandi saat ini tidak benar.",
    changed: "Kata sandi Anda telah diganti. Semua sesi lain telah dikeluarkan.",
  },
  sessions: {
    heading: "Tempat Anda sedang masuk",
    device: "Perangkat",
    address: "Alamat",
    started: "Masuk sejak",
    expires: "Berakhir",
    current: "Perangkat ini",
    unknownDevice: "Perangkat tidak dikenal",
    signOutOthers: "Keluar dari semua perangkat lain",
    signedOutOthers: "Sesi Anda yang lain telah dikeluarkan.",
    none: "Tidak ada sesi lain.",
  },
};
