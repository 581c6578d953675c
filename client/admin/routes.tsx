import { Navigate, type RouteObject } from "react-router";

/**
 * The secretariat's administration area; goes under `RequireSession`. Its
 * code loads on first visit, so other users never download it.
 */
export const adminRoutes: RouteObject[] = [
  {
    path: "/admin",
    lazy: async () => ({ Component: (await import("./AdminLayout.js")).AdminLayout }),
    children: [
      { index: true, element: <Navigate to="delegations" replace /> },
      { path: "delegations", lazy: async () => ({ Component: (await import("./delegations/DelegationsPage.js")).DelegationsPage }) },
      { path: "people", lazy: async () => ({ Component: (await import("./people/PeoplePage.js")).PeoplePage }) },
      { path: "documents", lazy: async () => ({ Component: (await import("./documents/AdminDocumentsPage.js")).AdminDocumentsPage }) },
      { path: "audit", lazy: async () => ({ Component: (await import("./audit/AuditLogPage.js")).AuditLogPage }) },
      { path: "*", element: <Navigate to="/admin" replace /> },
    ],
  },
];
