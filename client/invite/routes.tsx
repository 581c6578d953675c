import type { RouteObject } from "react-router";

/** `/invite/:token`: reached from a one-time link, before any session exists. */
export const inviteRoutes: RouteObject[] = [
  { path: "/invite/:token", lazy: async () => ({ Component: (await import("./InvitePage.js")).InvitePage }) },
];
