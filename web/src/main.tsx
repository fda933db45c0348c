import { render } from "solid-js/web";
import { App } from "./App.tsx";
import { lang } from "./i18n/index.ts";
import { loadInstance, loadSession } from "./session.ts";
import "./styles.css";
import "./federation.css";
import "./print.css";

document.documentElement.lang = lang();
void loadInstance();
void loadSession();
render(() => <App />, document.getElementById("app")!);
