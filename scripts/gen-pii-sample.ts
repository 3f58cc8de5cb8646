// Writes the labelled PII sample (server/guardrails/pii/testdata/pii-sample.json): sentences that
// carry e-mail addresses, phone numbers, payment cards, IBANs, IP addresses, national ids and
// secrets in many formats (values made valid by their checksums), and hard negatives that look
// like them but are not (dates, versions, order numbers, checksum failures, hashes, file names).
// Seeded, so the file is the same on every run:   npm run gen:pii-sample
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Label = { type: string; value: string };
type Item = { text: string; entities: Label[] };

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server/guardrails/pii/testdata/pii-sample.json');

let seed = 20240518;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join('');
const chars = (n: number, alphabet: string) => Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPERNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function luhnComplete(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = partial + d;
    let sum = 0;
    let dbl = false;
    for (let i = s.length - 1; i >= 0; i--) {
      let x = Number(s[i]);
      if (dbl) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
      dbl = !dbl;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

function withMod97(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return `${country}${String(98 - r).padStart(2, '0')}${bban}`;
}

// Verhoeff tables (as in the detector), to make valid Aadhaar numbers.
const D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]; // prettier-ignore
const P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]; // prettier-ignore
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
function verhoeffComplete(partial: string): string {
  let c = 0;
  const rev = [...partial].reverse();
  for (let i = 0; i < rev.length; i++) c = D[c]![P[(i + 1) % 8]![Number(rev[i])]!]!;
  return partial + INV[c];
}

const group = (s: string, sizes: number[], sep: string) => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(s.slice(at, at + n));
    at += n;
  }
  return out.join(sep);
};

// ---- value makers ----

const FIRST = [
  'anna',
  'ben',
  'chloe',
  'david',
  'elena',
  'farid',
  'grace',
  'hiro',
  'ines',
  'jamal',
  'kofi',
  'lena',
  'mateo',
  'nora',
  'omar',
  'priya',
];
const LAST = ['smith', 'mueller', 'garcia', 'okafor', 'tanaka', 'novak', 'rossi', 'dubois', 'kowalski', 'haddad', 'patel', 'jensen'];
const DOMAINS = [
  'example.com',
  'mail.example.org',
  'corp.example.co.uk',
  'uni-example.edu',
  'example.io',
  'health.example.net',
  'EXAMPLE.COM',
  'sub.dept.example.de',
];

function email(): string {
  const f = pick(FIRST);
  const l = pick(LAST);
  const local = pick([`${f}.${l}`, `${f}${int(1, 99)}`, `${f}+news`, `${f[0]}${l}`, `${f}_${l}`, `${f.toUpperCase()}.${l}`]);
  return `${local}@${pick(DOMAINS)}`;
}

function phone(): string {
  const area = `${int(2, 9)}${digits(2)}`;
  const ex = `${int(2, 9)}${digits(2)}`;
  const line = digits(4);
  return pick([
    `(${area}) ${ex}-${line}`,
    `${area}-${ex}-${line}`,
    `${area}.${ex}.${line}`,
    `+1 ${area} ${ex} ${line}`,
    `+1-${area}-${ex}-${line}`,
    `+44 20 ${digits(4)} ${digits(4)}`,
    `+44 7${digits(3)} ${digits(6)}`,
    `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
    `+49 170 ${digits(7)}`,
    `+49${int(150, 179)}${digits(7)}`,
    `+91 98${digits(3)} ${digits(5)}`,
    `+61 2 ${digits(4)} ${digits(4)}`,
    `+81 3-${digits(4)}-${digits(4)}`,
    `020 ${digits(4)} ${digits(4)}`,
    `06 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
    `030-${digits(7)}`,
  ]);
}

function card(): string {
  const brand = pick(['visa', 'mc', 'mc2', 'amex', 'discover', 'jcb', 'unionpay', 'diners']);
  let n: string;
  if (brand === 'visa') n = luhnComplete(`4${digits(14)}`);
  else if (brand === 'mc') n = luhnComplete(`5${int(1, 5)}${digits(13)}`);
  else if (brand === 'mc2') n = luhnComplete(`${int(2221, 2720)}${digits(11)}`);
  else if (brand === 'amex') n = luhnComplete(`3${pick(['4', '7'])}${digits(12)}`);
  else if (brand === 'discover') n = luhnComplete(`6011${digits(11)}`);
  else if (brand === 'jcb') n = luhnComplete(`35${int(28, 89)}${digits(11)}`);
  else if (brand === 'unionpay') n = luhnComplete(`62${digits(13)}`);
  else n = luhnComplete(`36${digits(11)}`);
  if (n.length === 15) return pick([n, group(n, [4, 6, 5], ' '), group(n, [4, 6, 5], '-')]);
  if (n.length === 14) return pick([n, group(n, [4, 6, 4], ' ')]);
  return pick([n, group(n, [4, 4, 4, 4], ' '), group(n, [4, 4, 4, 4], '-')]);
}

function iban(): string {
  const c = pick(['DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'BE', 'CH', 'AT', 'PL', 'SE', 'IE']);
  const bban: Record<string, () => string> = {
    DE: () => digits(18),
    GB: () => `${chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${digits(14)}`,
    FR: () => `${digits(10)}${chars(11, UPPERNUM)}${digits(2)}`,
    NL: () => `${chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${digits(10)}`,
    ES: () => digits(20),
    IT: () => `${chars(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${digits(10)}${chars(12, UPPERNUM)}`,
    BE: () => digits(12),
    CH: () => `${digits(5)}${chars(12, UPPERNUM)}`,
    AT: () => digits(16),
    PL: () => digits(24),
    SE: () => digits(20),
    IE: () => `${chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${digits(14)}`,
  };
  const v = withMod97(c, bban[c]!());
  return rnd() < 0.5 ? v : v.replace(/(.{4})/g, '$1 ').trim();
}

function ip(): string {
  const v4 = () => `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const h = () => chars(int(1, 4), '0123456789abcdef');
  return pick([
    v4(),
    v4(),
    `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
    `192.168.${int(0, 255)}.${int(1, 254)}`,
    `2001:db8:${h()}:${h()}::${h()}`,
    `fe80::${h()}:${h()}:${h()}:${h()}`,
    `2001:0db8:85a3:0000:0000:8a2e:0370:${chars(4, '0123456789abcdef')}`,
    `::1`,
  ]);
}

const NINO_FIRST = 'ACEHJKLMPRSTWXY';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
function nationalId(): string {
  const kind = pick(['ssn', 'ssn', 'nino', 'sin', 'aadhaar']);
  if (kind === 'ssn')
    return `${String(int(1, 665)).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`;
  if (kind === 'nino') {
    let prefix = '';
    // HMRC never issues these prefixes.
    while (!prefix || ['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(prefix))
      prefix = `${chars(1, NINO_FIRST)}${chars(1, NINO_SECOND)}`;
    const v = `${prefix}${digits(6)}${chars(1, 'ABCD')}`;
    return rnd() < 0.5 ? v : `${v.slice(0, 2)} ${v.slice(2, 4)} ${v.slice(4, 6)} ${v.slice(6, 8)} ${v.slice(8)}`;
  }
  if (kind === 'sin') return group(luhnComplete(`${pick(['1', '2', '4', '5', '6', '7', '9'])}${digits(7)}`), [3, 3, 3], pick([' ', '-']));
  return group(verhoeffComplete(`${int(2, 9)}${digits(10)}`), [4, 4, 4], pick([' ', '-']));
}

function secret(): string {
  return pick([
    `sk-proj-${chars(48, ALNUM)}`,
    `sk-${chars(48, ALNUM)}`,
    `sk-ant-api03-${chars(90, ALNUM + '_-')}${int(0, 9)}`,
    `AKIA${chars(16, UPPERNUM)}`,
    `ghp_${chars(36, ALNUM)}`,
    `github_pat_${chars(22, ALNUM)}_${chars(59, ALNUM)}`,
    `glpat-${chars(20, ALNUM)}`,
    `xoxb-${digits(12)}-${digits(13)}-${chars(24, ALNUM)}`,
    `AIza${chars(35, ALNUM)}`,
    `sk_live_${chars(24, ALNUM)}`,
    `hf_${chars(34, ALNUM)}`,
    `npm_${chars(36, ALNUM)}`,
    `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${chars(40, ALNUM)}.${chars(43, ALNUM + '_-')}`,
    `-----BEGIN RSA PRIVATE KEY-----\n${chars(64, ALNUM + '+/')}\n${chars(64, ALNUM + '+/')}\n-----END RSA PRIVATE KEY-----`,
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${chars(70, ALNUM + '+/')}\n-----END OPENSSH PRIVATE KEY-----`,
  ]);
}

// ---- sentences ----

const TEMPLATES: Record<string, string[]> = {
  email: [
    'Please reply to {} by Friday.',
    'Contact: {}',
    'My email is {} if you need it.',
    'cc {} on the thread',
    'Forward the invoice to <{}>.',
    'Send the logs to {}, thanks!',
  ],
  phone: [
    'Call me on {} tomorrow.',
    'Phone: {}',
    'You can reach the front desk at {}.',
    'my mobile is {} (after 6pm)',
    'Dial {} for support.',
    'Tel. {}',
  ],
  credit_card: [
    'Card number {} exp 09/27',
    'Charge it to {} please.',
    'The customer paid with {}.',
    'card: {}',
    'Refund to {} was approved.',
  ],
  iban: ['Wire the funds to {}.', 'IBAN: {}', 'Our account is {} at the local bank.', 'Please pay into {} by the 5th.'],
  ip_address: [
    'The server at {} is down.',
    'Blocked login from {} at 03:12.',
    'ssh admin@host then curl http://{}/health',
    'Whitelist {} in the firewall.',
    'client_ip={} status=403',
  ],
  national_id: [
    'My SSN is {}.',
    'National insurance number {} on file.',
    'ID: {}',
    'Applicant id {} verified.',
    'Please confirm {} for the tax form.',
  ],
  secret: [
    'Use this key: {}',
    'export OPENAI_API_KEY={}',
    'token = "{}"',
    'I accidentally committed {} to the repo',
    'Here is my key {} can you debug?',
  ],
};

const MAKERS: Record<string, () => string> = { email, phone, credit_card: card, iban, ip_address: ip, national_id: nationalId, secret };
const COUNTS: Record<string, number> = { email: 55, phone: 60, credit_card: 55, iban: 45, ip_address: 55, national_id: 60, secret: 60 };

const items: Item[] = [];
for (const [type, count] of Object.entries(COUNTS)) {
  for (let i = 0; i < count; i++) {
    const value = MAKERS[type]!();
    items.push({ text: pick(TEMPLATES[type]!).replace('{}', value), entities: [{ type, value }] });
  }
}

// Several types in one text.
for (let i = 0; i < 40; i++) {
  const types = [pick(Object.keys(MAKERS)), pick(Object.keys(MAKERS))];
  const labels = types.map((type) => ({ type, value: MAKERS[type]!() }));
  if (labels[0]!.value === labels[1]!.value) continue;
  items.push({
    text: `Name: ${pick(FIRST)} ${pick(LAST)}. First: ${labels[0]!.value}. Also: ${labels[1]!.value}. Thanks.`,
    entities: labels,
  });
}

// Written by hand, in forms the templates above do not use (not tuned against the detector).
const HANDWRITTEN: Item[] = [
  {
    text: 'Reach me at "maria.lopez@example.com" or at m.lopez@example.es.',
    entities: [
      { type: 'email', value: 'maria.lopez@example.com' },
      { type: 'email', value: 'm.lopez@example.es' },
    ],
  },
  { text: 'mailto:support@helpdesk.example.com?subject=Login', entities: [{ type: 'email', value: 'support@helpdesk.example.com' }] },
  { text: 'From: "Ops Team" <ops-team@example.net>', entities: [{ type: 'email', value: 'ops-team@example.net' }] },
  {
    text: 'user_name.123@sub-domain.example.travel wrote back',
    entities: [{ type: 'email', value: 'user_name.123@sub-domain.example.travel' }],
  },
  {
    text: 'call +1.415.555.0132 or 415 5550132',
    entities: [
      { type: 'phone', value: '+1.415.555.0132' },
      { type: 'phone', value: '415 5550132' },
    ],
  },
  { text: 'Tel: +353 1 234 5678 (Dublin office)', entities: [{ type: 'phone', value: '+353 1 234 5678' }] },
  { text: 'WhatsApp me: +55 11 91234-5678', entities: [{ type: 'phone', value: '+55 11 91234-5678' }] },
  { text: 'The hotline is 0800 123 4567, free from landlines.', entities: [{ type: 'phone', value: '0800 123 4567' }] },
  { text: 'phone 07911123456 (UK mobile)', entities: [{ type: 'phone', value: '07911123456' }] },
  { text: 'Call (212)555-0199 before noon.', entities: [{ type: 'phone', value: '(212)555-0199' }] },
  { text: 'mobile: +86 138 0013 8000', entities: [{ type: 'phone', value: '+86 138 0013 8000' }] },
  { text: 'pay with 4012888888881881 now', entities: [{ type: 'credit_card', value: '4012888888881881' }] },
  { text: 'Amex 378282246310005 on file', entities: [{ type: 'credit_card', value: '378282246310005' }] },
  { text: 'card ending in 4242, full number 4242-4242-4242-4242', entities: [{ type: 'credit_card', value: '4242-4242-4242-4242' }] },
  { text: 'Mastercard: 5555 5555 5555 4444', entities: [{ type: 'credit_card', value: '5555 5555 5555 4444' }] },
  { text: 'IBAN GB82WEST12345698765432 (sort code inside)', entities: [{ type: 'iban', value: 'GB82WEST12345698765432' }] },
  { text: 'Kontonummer: DE89 3704 0044 0532 0130 00', entities: [{ type: 'iban', value: 'DE89 3704 0044 0532 0130 00' }] },
  { text: 'Virement sur FR14 2004 1010 0505 0001 3M02 606 svp', entities: [{ type: 'iban', value: 'FR14 2004 1010 0505 0001 3M02 606' }] },
  { text: 'NL91ABNA0417164300 is the Dutch example.', entities: [{ type: 'iban', value: 'NL91ABNA0417164300' }] },
  {
    text: 'connect to 10.0.0.1:8080 and 192.168.1.254:443',
    entities: [
      { type: 'ip_address', value: '10.0.0.1' },
      { type: 'ip_address', value: '192.168.1.254' },
    ],
  },
  {
    text: 'X-Forwarded-For: 203.0.113.195, 70.41.3.18',
    entities: [
      { type: 'ip_address', value: '203.0.113.195' },
      { type: 'ip_address', value: '70.41.3.18' },
    ],
  },
  { text: 'listen on [2001:db8::1]:443', entities: [{ type: 'ip_address', value: '2001:db8::1' }] },
  { text: 'gateway ::ffff:192.0.2.128 mapped', entities: [{ type: 'ip_address', value: '192.0.2.128' }] },
  { text: 'ssn: 078 05 1120 (the famous wallet card)', entities: [{ type: 'national_id', value: '078 05 1120' }] },
  { text: 'Social Security Number 219-09-9999', entities: [{ type: 'national_id', value: '219-09-9999' }] },
  { text: 'NI number: QQ123456C', entities: [{ type: 'national_id', value: 'QQ123456C' }] },
  { text: 'SIN 046 454 286 on the T4', entities: [{ type: 'national_id', value: '046 454 286' }] },
  {
    text: 'Authorization: Bearer 4f9a8c2e1b7d6a5f3c9e8b7a6d5c4b3a2f1e0d9c',
    entities: [{ type: 'secret', value: '4f9a8c2e1b7d6a5f3c9e8b7a6d5c4b3a2f1e0d9c' }],
  },
  {
    text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    entities: [{ type: 'secret', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }],
  },
  {
    text: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
    entities: [{ type: 'secret', value: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==' }],
  },
  {
    text: 'webhook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    entities: [{ type: 'secret', value: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' }],
  },
  {
    text: '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oWmsT7j8\n-----END EC PRIVATE KEY-----',
    entities: [
      {
        type: 'secret',
        value: '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oWmsT7j8\n-----END EC PRIVATE KEY-----',
      },
    ],
  },
];
const HARD_HANDWRITTEN: string[] = [
  'The build number is 2024-0512-1130 and it passed.',
  'Add 1.1.1.1.1 to the list of odd strings.',
  'git@github.com:org/repo.git is the remote (an SSH address, not mail).',
  'Our VAT id is GB123456789.',
  'Pin code 1234 for the door.',
  'Version string 4.0.30319.42000 of .NET.',
  'Card expired 12/26, CVV not stored.',
  'Measured 0.0001 seconds.',
  'Fibonacci: 1 1 2 3 5 8 13 21 34 55 89 144 233 377 610 987',
  'The product code is SKU-AKIA-2024-XYZ.',
  'sk-9 is a model name in our lab.',
  'Download from http://downloads.example.com/v2/file.zip',
  'Formula C6H12O6 is glucose.',
  'Answer: 42. Question: unknown.',
  'Use the API at https://api.example.com/v1/users/12345/orders/67890.',
];
for (const item of HANDWRITTEN) items.push(item);
for (const text of HARD_HANDWRITTEN) items.push({ text, entities: [] });

// Hard negatives: no personal data, but shaped like it.
const NEGATIVES: string[] = [
  'The meeting is on 2024-01-15 at 12:30:45 UTC.',
  'Deadline: 15/01/2024, or 01.02.2025 at the latest.',
  'Released v1.2.3 and 1.2.3-beta.4 last week.',
  'Chrome 120.0.6099.109 crashed on Windows 10.0.19045.2965.',
  'Kernel 5.15.0-91-generic is installed.',
  'Pi is 3.14.159.26535 if you keep writing digits.',
  'The total was $1,234,567.89 for Q3.',
  'Order ORD-2024-000123 shipped.',
  'Invoice INV 4821 9930 is overdue.',
  'Tracking 1Z999AA10123456784 in transit.',
  'ISBN 978-3-16-148410-0 is on the shelf.',
  'Reference 1234567890123456 was rejected.',
  'Test card 4111 1111 1111 1112 fails the checksum.',
  'Timestamp 1700000000000 in milliseconds.',
  'ZIP 94103-1234 covers the office.',
  'Use ranges 100-200-300 in the chart.',
  'Invalid IBAN DE89 3704 0044 0532 0130 01 was refused.',
  'Account GB00 WEST 1234 5698 7654 32 has a bad check.',
  'Area 000-12-3456 is never issued.',
  'Number 666-12-3456 is not a valid SSN.',
  'Group 123-00-4567 is invalid too.',
  'Ping user@localhost on the dev box.',
  'Thanks @username for the review!',
  'Use icon@2x.png for retina screens.',
  'Email me at john dot doe at example dot com.',
  'Install it with npm i @types/node.',
  'Decorate it with @app.route("/").',
  'We use sk-learn for the models.',
  'The task-force met twice.',
  'Token ghp_short is too short to be real.',
  'AKIA is the prefix AWS uses for access keys.',
  'A JWT starts with eyJ but this is not one.',
  'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'Request id 3f2a1b9c-7d4e-4a1b-9c3d-2e1f0a9b8c7d failed.',
  'Base64 SGVsbG8gd29ybGQ= decodes to hello world.',
  'git commit 3f2a1b9 fixed it.',
  'The key sk-abcdefghijklmnopqrstuvwxyz is only letters.',
  'Use 256.1.1.1 as an example of an invalid address.',
  'Chapter 1.2.3 covers it.',
  'The MAC is 00:1A:2B:3C:4D:5E.',
  'Use std::vector<int> here.',
  'The time was 12:34:56:78 on the stopwatch.',
  'Call 911 in an emergency.',
  'Room 1234 on floor 5.',
  'ext. 4321 is the help desk.',
  'Population 8,336,817 in 2022.',
  'See RFC 7231 section 6.5.1.',
  'Page 2 of 10.',
  'The score was 3-2 after extra time.',
  'Batch 20240115-0001 completed.',
  'Build 2024.05.18.1342 passed.',
  'Coordinates 51.5074, -0.1278 mark London.',
  'The ratio is 16:9 and 4:3.',
  'Serial SN-8842-1193-2210 registered.',
  'Part no. 0800-555-01 is on order.',
  'Lottery numbers 4 8 15 16 23 42.',
  'Matrix 1 0 0 0 1 0 0 0 1.',
  'Use port 8080 or 8443.',
  'Error code 0x80070005 means access denied.',
  'Hex color #1a2b3c and rgb(26, 43, 60).',
  'The file report_2024-01-15.csv is ready.',
  'CVE-2024-3094 affects xz.',
  'Latitude 40.7128 longitude 74.0060.',
  'Dimensions 1920x1080 at 60 Hz.',
  'Phone model SM-G991B is supported.',
  'Version 10.0.0 of the SDK.',
  'Interest 4.25% over 30 years.',
  'The docs live at https://example.com/docs/guide.',
  'Contact the team on the #support channel.',
  'We shipped 1,000,000 units.',
  'Node 20.18.0 and npm 10.8.2.',
  'ULID 01ARZ3NDEKTSV4RRFFQ69G5FAV is sortable.',
  'Duration PT1H30M in ISO 8601.',
  'Use 127 0 0 1 with spaces as a joke.',
  'The book costs 12.99 EUR.',
  'Our fax was retired in 2009.',
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC public keys are fine to share.',
  'Wireless SSID corp-guest-5g.',
  'The constant is 6.02214076e23.',
  'SKU 400-1200-77 is back in stock.',
  'Record 5555-5555 was archived.',
  'Set timeout to 30000 ms.',
  'Checksum 4111111111111112 does not validate.',
  'Postcode SW1A 1AA is Downing Street.',
  'Flight BA0117 departs at 08:25.',
  'The hash is d41d8cd98f00b204e9800998ecf8427e.',
  'Bank sort code 20-00-00 is an example.',
  'Routing number 021000021 appears in samples.',
  'Try a::b::c as a path separator.',
  'Ticket JIRA-12345 is closed.',
  'Allocate 16 GB RAM and 4 vCPUs.',
  'The year 1999 was wild.',
  'Temperature 23.5 C at 14:00.',
  'Use semver ^1.4.0 || ~2.0.3.',
  'Rate limit 600/min per key.',
  'Model gpt-4o-2024-08-06 answered.',
  'Git tag release-2024.05 created.',
  'Quote #Q-2024-0042 sent.',
  'Vector [0.12, 0.98, 0.33] normalised.',
];
const FILLER = [
  'Summarise the attached report in three bullet points.',
  'What is the capital of Australia?',
  'Translate "good morning" into French and German.',
  'Write a haiku about autumn rain.',
  'Explain the difference between TCP and UDP.',
  'How do I reverse a linked list in Python?',
  'The quarterly numbers look better than last year.',
  'Please review the pull request before lunch.',
  'Our office moves to the fourth floor next month.',
  'Can you suggest a name for our new product?',
  'The model should answer in JSON with keys result and confidence.',
  'List five risks of deploying LLMs without guardrails.',
  'Draft a polite reminder about the overdue report.',
  'What does HTTP status 429 mean?',
  'Compare PostgreSQL and SQLite for a small app.',
];
for (const text of NEGATIVES) items.push({ text, entities: [] });
for (let i = 0; i < 90; i++) items.push({ text: `${pick(FILLER)} ${pick(NEGATIVES)}`, entities: [] });

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(
  OUT,
  JSON.stringify(
    {
      description:
        'Labelled sample for the built-in PII detector: synthetic sentences with valid values (scripts/gen-pii-sample.ts, seeded) and hard negatives. Each entity is a value that occurs in the text with its type.',
      items,
    },
    null,
    1,
  ) + '\n',
);
console.log(
  `wrote ${items.length} items (${items.filter((i) => i.entities.length).length} with entities) to ${path.relative(process.cwd(), OUT)}`,
);
