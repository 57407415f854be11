// Keys are shown once. The ones created in this tab are kept in memory only (never in storage) so GraphiQL and the
// schema explorer can use them without the user pasting them back; a reload forgets them.
const byProject = new Map();
const listeners = new Set();

export function rememberKey(projectId, key) {
  const list = byProject.get(projectId) ?? [];
  byProject.set(projectId, [...list.filter((k) => k.id !== key.id), key]);
  listeners.forEach((l) => l());
}

export function forgetKey(projectId, keyId) {
  const list = byProject.get(projectId) ?? [];
  byProject.set(projectId, list.filter((k) => k.id !== keyId));
  listeners.forEach((l) => l());
}

export function knownKeys(projectId) {
  return byProject.get(projectId) ?? [];
}

export function onKeysChanged(l) {
  listeners.add(l);
  return () => listeners.delete(l);
}
