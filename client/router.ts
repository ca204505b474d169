import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Pages anyone may see; every other page needs a session. */
    isPublic?: boolean
  }
}

/** Where to go after logging in: only same-app paths, never `//evil.example`. */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/'
  return value
}

async function guardSession(to: RouteLocationNormalized) {
  const session = useSessionStore()
  if (!session.isLoaded) {
    // A server that cannot be reached behaves like "not logged in": the login page then
    // shows the real error when the user tries.
    await session.loadMe().catch(() => null)
  }
  if (to.meta.isPublic) return to.name === 'login' && session.isLoggedIn ? { name: 'cases' } : true
  if (session.isLoggedIn) return true
  return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
}

/**
 * Creates the app router: `/login`, `/` (case list), `/cases/:id` (plan page) and
 * `/cases/:id/members` (the case director's members page), `/inbox` (notices),
 * `/cases/:id/versions` and `/cases/:id/versions/:n` (adopted versions), `/cases/:id/meetings`
 * (a case's meetings) and `/cases/:id/meetings/:meetingId` (the live meeting page).
 * Pages other than the login page redirect there when `GET /api/me` answers 401.
 */
export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('./views/LoginView.vue'),
        meta: { isPublic: true },
      },
      { path: '/', name: 'cases', component: () => import('./views/CaseListView.vue') },
      {
        path: '/cases/:id',
        name: 'plan',
        component: () => import('./views/PlanView.vue'),
        props: true,
      },
      {
        path: '/cases/:id/members',
        name: 'members',
        component: () => import('./views/CaseMembersView.vue'),
        props: true,
      },
      { path: '/inbox', name: 'inbox', component: () => import('./views/InboxView.vue') },
      { path: '/cases/:id/versions', name: 'versions', component: () => import('./views/VersionListView.vue'), props: true },
      { path: '/cases/:id/versions/:n', name: 'version', component: () => import('./views/VersionView.vue'), props: true },
      { path: '/cases/:id/meetings', name: 'meetings', component: () => import('./views/MeetingListView.vue'), props: true },
      { path: '/cases/:id/meetings/:meetingId', name: 'meeting', component: () => import('./views/MeetingView.vue'), props: true },
      { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  })
  router.beforeEach(guardSession)
  return router
}
