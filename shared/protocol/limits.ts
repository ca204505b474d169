/**
 * Limits of the doc hub. Shared so the client can stay inside them (for example by
 * not pasting more than the server accepts in one frame).
 */

/**
 * Largest websocket frame the hub accepts. A Yjs update for a pasted 100-page text is
 * well under 1 MiB; anything bigger is either abuse or a bug, and accepting it would
 * let one connection pin memory on every node it fans out to.
 */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

/**
 * Messages per connection per second, averaged over a burst window. Fast typing is
 * 10–15 keystrokes/s and y-websocket sends at most one update per keystroke plus
 * awareness; a paste is one message. 200/s leaves an order of magnitude of headroom.
 */
export const MAX_MESSAGES_PER_SECOND = 200

/** Burst allowance on top of the steady rate (token bucket capacity). */
export const MESSAGE_BURST = 400

/**
 * Open document connections one user may hold on one node. A tab holds one per open
 * document (the plan page: two); ten tabs of one partner stay far below it, a script
 * opening sockets in a loop does not.
 */
export const MAX_CONNECTIONS_PER_USER = 32
