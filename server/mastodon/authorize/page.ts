// The pages a member sees while an app asks for access: log in, then
// « Autoriser cette application » with the scopes in plain words. Server-rendered,
// no script; French first, English for those who ask for it.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { describeScope } from "../oauth/scopes.ts";

export type Lang = "fr" | "en";

const words = {
  fr: {
    title: "Autoriser cette application",
    loginTitle: "Connectez-vous pour continuer",
    loginIntro: (app: string) => `L'application « ${app} » voudrait accéder à votre compte Maillage. Connectez-vous d'abord.`,
    handle: "Identifiant",
    password: "Mot de passe",
    login: "Me connecter",
    asks: (app: string) => `L'application « ${app} » voudrait pouvoir :`,
    as: "Vous êtes connecté·e en tant que",
    allow: "Autoriser",
    deny: "Refuser",
    revokeHint: "Vous pourrez retirer cet accès à tout moment depuis votre profil, rubrique « Applications autorisées ».",
    errorTitle: "Cette demande d'accès ne peut pas aboutir",
    codeTitle: "Code d'autorisation",
    codeIntro: "Copiez ce code dans l'application :",
    wrongLogin: "Identifiant ou mot de passe incorrect.",
  },
  en: {
    title: "Authorise this application",
    loginTitle: "Log in to continue",
    loginIntro: (app: string) => `The app “${app}” would like to access your Maillage account. Log in first.`,
    handle: "Handle",
    password: "Password",
    login: "Log in",
    asks: (app: string) => `The app “${app}” would like to:`,
    as: "You are logged in as",
    allow: "Authorise",
    deny: "Deny",
    revokeHint: "You can take this access back at any time from your profile, under “Authorised apps”.",
    errorTitle: "This access request cannot go through",
    codeTitle: "Authorisation code",
    codeIntro: "Copy this code into the app:",
    wrongLogin: "Wrong handle or password.",
  },
} as const;

export const wordsOf = (lang: Lang) => words[lang];

const style = `
body{margin:0;background:#fbf7f0;color:#1b1b1b;font:125%/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d9d2c5;border-radius:10px}
h1{color:#123d2e;font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=password]{width:100%;font:inherit;padding:.5rem;border:2px solid #5f5f5f;border-radius:10px}
button{font:inherit;padding:.6rem 1.2rem;border-radius:10px;border:2px solid #1d5b45;margin:1rem .5rem 0 0;cursor:pointer}
button.primary{background:#1d5b45;color:#fff}button.secondary{background:#fff;color:#1d5b45}
button:focus-visible,input:focus-visible{outline:none;box-shadow:0 0 0 3px #ffdd00,0 0 0 6px #1b1b1b}
.error{background:#fdecec;color:#a4161a;padding:.5rem 1rem;border-radius:10px}
.hint{color:#474747;font-size:.9rem}code{font-size:1.1rem;word-break:break-all}`;

function layout(lang: Lang, title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Maillage</title><style>${style}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The OAuth parameters, carried from page to page in hidden fields. */
const carried = (query: Record<string, string>) =>
  Object.entries(query).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);

export function loginPage(lang: Lang, appName: string, query: Record<string, string>, failed = false) {
  const w = wordsOf(lang);
  return layout(
    lang,
    w.loginTitle,
    html`<h1>${w.loginTitle}</h1><p>${w.loginIntro(appName)}</p>
${failed ? html`<p class="error" role="alert">${w.wrongLogin}</p>` : ""}
<form method="post" action="/oauth/authorize">${carried(query)}<input type="hidden" name="step" value="login">
<label for="handle">${w.handle}</label><input type="text" id="handle" name="handle" autocomplete="username" required autofocus>
<label for="password">${w.password}</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button class="primary" type="submit">${w.login}</button></form>`,
  );
}

export interface ConsentInput {
  appName: string;
  website: string | null;
  scopes: string[];
  member: { handle: string; displayName: string };
  csrfToken: string;
  query: Record<string, string>;
}

export function consentPage(lang: Lang, input: ConsentInput) {
  const w = wordsOf(lang);
  return layout(
    lang,
    w.title,
    html`<h1>${w.title}</h1>
<p>${w.asks(input.appName)}</p>
<ul>${input.scopes.map((s) => html`<li>${describeScope(s, lang)}</li>`)}</ul>
${input.website ? html`<p class="hint">${input.website}</p>` : ""}
<p>${w.as} <strong>${input.member.displayName}</strong> (@${input.member.handle}).</p>
<form method="post" action="/oauth/authorize">${carried(input.query)}<input type="hidden" name="csrf" value="${input.csrfToken}">
<button class="primary" type="submit" name="step" value="approve">${w.allow}</button>
<button class="secondary" type="submit" name="step" value="deny">${w.deny}</button></form>
<p class="hint">${w.revokeHint}</p>`,
  );
}

export function errorPage(lang: Lang, message: string) {
  const w = wordsOf(lang);
  return layout(lang, w.errorTitle, html`<h1>${w.errorTitle}</h1><p class="error" role="alert">${message}</p>`);
}

export function codePage(lang: Lang, code: string) {
  const w = wordsOf(lang);
  return layout(lang, w.codeTitle, html`<h1>${w.codeTitle}</h1><p>${w.codeIntro}</p><p><code>${code}</code></p>`);
}
