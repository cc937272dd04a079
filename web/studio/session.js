// The admin token for this browser tab: sessionStorage only (gone when the tab closes), never
// in a URL, sent by api.js as "Authorization: Bearer".
const KEY = "tailor-studio:admin-token";

export function token() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}
