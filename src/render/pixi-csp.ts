/**
 * Pixi without eval: by default Pixi compiles some of its uniform and
 * geometry code with `new Function`, which the page's Content Security
 * Policy forbids; this installs its eval-free versions. Import it before
 * creating any Pixi Application.
 */
import 'pixi.js/unsafe-eval';
