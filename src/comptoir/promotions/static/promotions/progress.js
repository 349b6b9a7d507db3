// A send's progress bar refreshes itself while it sends, with the "who got it" table, so
// the seller reads who got it as soon as the bar ends. Without JavaScript the page reloads
// itself (<noscript> meta).

import { keepFresh } from "../web/refresh.js";

keepFresh("#send-progress", { alsoSwap: ["#recipients"] });
