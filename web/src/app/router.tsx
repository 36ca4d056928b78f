import { createBrowserRouter } from "react-router-dom";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { Home } from "@/features/public/routes/Home";

/** Page paths are Indonesian and never collide with API routes (the API answers under /api). */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: "/", element: <Home /> },
      { path: "/kirim", lazy: () => import("@/features/public/routes/Send").then((m) => ({ Component: m.Send })) },
      { path: "/kirim/tanda-terima", lazy: () => import("@/features/public/routes/Receipt").then((m) => ({ Component: m.Receipt })) },
      { path: "/lacak", lazy: () => import("@/features/public/routes/Track").then((m) => ({ Component: m.TrackSearch })) },
      { path: "/lacak/:kode", lazy: () => import("@/features/public/routes/Track").then((m) => ({ Component: m.Track })) },
      { path: "/verifikasi", lazy: () => import("@/features/public/routes/Verify").then((m) => ({ Component: m.Verify })) },
      { path: "/masuk", lazy: () => import("@/features/auth/routes/SignIn").then((m) => ({ Component: m.SignIn })) },
      { path: "/pengajuan", lazy: () => import("@/features/submissions/routes/MySubmissions").then((m) => ({ Component: m.MySubmissions })) },
      { path: "/pengajuan/:kode", lazy: () => import("@/features/submissions/routes/MySubmissions").then((m) => ({ Component: m.MySubmission })) },
      { path: "/surat", lazy: () => import("@/features/letters/routes/Boxes").then((m) => ({ Component: m.Boxes })) },
      { path: "/surat/baru", lazy: () => import("@/features/letters/routes/Editor").then((m) => ({ Component: m.Editor })) },
      { path: "/surat/:id/ubah", lazy: () => import("@/features/letters/routes/Editor").then((m) => ({ Component: m.EditDraft })) },
      { path: "/surat/:id", lazy: () => import("@/features/letters/routes/LetterDetail").then((m) => ({ Component: m.LetterDetail })) },
      { path: "/persetujuan", lazy: () => import("@/features/letters/routes/Queue").then((m) => ({ Component: m.Queue })) },
      { path: "/notifikasi", lazy: () => import("@/features/notifications/routes/Notifications").then((m) => ({ Component: m.Notifications })) },
      { path: "/notifikasi/pengaturan", lazy: () => import("@/features/notifications/routes/Preferences").then((m) => ({ Component: m.Preferences })) },
      // Operators, incoming letters and dispositions, archive and audit (web part 2, ops).
      { path: "/operator", lazy: () => import("@/features/operators/routes/Queue").then((m) => ({ Component: m.Queue })) },
      { path: "/operator/pengajuan/:id", lazy: () => import("@/features/operators/routes/SubmissionReview").then((m) => ({ Component: m.SubmissionReview })) },
      { path: "/operator/surat-kertas", lazy: () => import("@/features/operators/routes/PaperLetter").then((m) => ({ Component: m.PaperLetter })) },
      { path: "/operator/agenda", lazy: () => import("@/features/operators/routes/Register").then((m) => ({ Component: m.Register })) },
      { path: "/operator/agenda/:id", lazy: () => import("@/features/incoming/routes/IncomingDetail").then((m) => ({ Component: m.RegisterEntry })) },
      { path: "/operator/pengiriman", lazy: () => import("@/features/operators/routes/Dispatch").then((m) => ({ Component: m.Dispatch })) },
      { path: "/surat-masuk", lazy: () => import("@/features/incoming/routes/IncomingList").then((m) => ({ Component: m.IncomingList })) },
      { path: "/surat-masuk/:id", lazy: () => import("@/features/incoming/routes/IncomingDetail").then((m) => ({ Component: m.IncomingDetail })) },
      { path: "/disposisi/:id", lazy: () => import("@/features/incoming/routes/DispositionView").then((m) => ({ Component: m.DispositionView })) },
      { path: "/arsip", lazy: () => import("@/features/archive/routes/Archive").then((m) => ({ Component: m.Archive })) },
      { path: "/arsip/jejak/:record", lazy: () => import("@/features/archive/routes/RecordTrail").then((m) => ({ Component: m.RecordTrail })) },
      { path: "/dasbor", lazy: () => import("@/features/dashboard/routes/Dashboard").then((m) => ({ Component: m.Dashboard })) },
      { path: "/monev-provinsi", lazy: () => import("@/features/dashboard/routes/Monev").then((m) => ({ Component: m.Monev })) },
      { path: "/admin/struktur", lazy: () => import("@/features/orgadmin/routes/Structure").then((m) => ({ Component: m.Structure })) },
      { path: "/provinsi/perangkat-daerah", lazy: () => import("@/features/province/routes/Orgs").then((m) => ({ Component: m.Orgs })) },
      { path: "/admin/pengguna", lazy: () => import("@/features/orgadmin/routes/Users").then((m) => ({ Component: m.Users })) },
      { path: "/admin/kop-surat", lazy: () => import("@/features/orgadmin/routes/Letterhead").then((m) => ({ Component: m.Letterhead })) },
      { path: "/provinsi/daftar-distribusi", lazy: () => import("@/features/province/routes/DistributionLists").then((m) => ({ Component: m.DistributionLists })) },
      { path: "/provinsi/klasifikasi", lazy: () => import("@/features/province/routes/Classifications").then((m) => ({ Component: m.Classifications })) },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
