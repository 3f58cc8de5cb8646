// This page's CSP nonce (index.html's meta tag, filled in by the server per response): style tags
// that libraries inject carry it, since the CSP allows no other inline style. Mantine takes it as
// a prop, CodeMirror as a facet; react-remove-scroll (modal and drawer scroll lock) reads it from
// get-nonce, set here once.
import { setNonce } from 'get-nonce';

export const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
setNonce(CSP_NONCE);
