// /etc/passwd and /etc/group from a list of users, and the directories every
// container root has, for recipes (an image without them has no name for
// its users and no /tmp). Shells are /sbin/nologin unless a user names one:
// most images here have no shell at all.
import { directory, textFile, type LayerEntry } from './layer-entry.ts';

export interface ImageUser {
  readonly name: string;
  readonly uid: number;
  /** The user's group, of the same name; the uid by default. */
  readonly gid?: number;
  readonly home?: string;
  readonly shell?: string;
}

/** passwd and group lines in the order given; `groups` adds groups without a user (distroless's tty, staff). */
export function userFiles(users: readonly ImageUser[], groups: readonly { name: string; gid: number }[] = []): LayerEntry[] {
  const passwd = users.map((user) => `${user.name}:x:${user.uid}:${user.gid ?? user.uid}:${user.name}:${user.home ?? '/nonexistent'}:${user.shell ?? '/sbin/nologin'}\n`);
  const group = [...users.map((user) => ({ name: user.name, gid: user.gid ?? user.uid })), ...groups].map((entry) => `${entry.name}:x:${entry.gid}:\n`);
  return [textFile('etc/passwd', passwd.join('')), textFile('etc/group', group.join(''))];
}

/** /tmp (1777) and the mount points a runtime mounts over, so a read-only root needs no mkdir. */
export function containerDirectories(): LayerEntry[] {
  return [directory('tmp', { mode: 0o1777 }), directory('dev'), directory('proc'), directory('sys')];
}
