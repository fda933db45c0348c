// `npm run bench [name...]`: runs the benchmarks and prints their figures.
// They measure; they never fail on a timing.
import { benchCommons } from "./commons.ts";
import { benchFanout } from "./fanout.ts";
import { benchHttp } from "./http.ts";
import { benchInbox } from "./inbox.ts";
import { benchStartup } from "./startup.ts";
import { benchEvents } from "./events.ts";
import { benchOffers } from "./offers.ts";
import { benchImpact } from "./impact.ts";
import { benchMail } from "./mail.ts";
import { benchScaleOut } from "./scaleout.ts";

const benches: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  fanout: benchFanout,
  inbox: benchInbox,
  http: benchHttp,
  events: benchEvents,
  offers: benchOffers,
  commons: benchCommons,
  impact: benchImpact,
  mail: benchMail,
  scaleout: benchScaleOut,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
