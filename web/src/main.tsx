// Entry of the web app: takes the token from the URL fragment, loads the styles (KaTeX's bundled by Vite) and mounts.
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/ask.css';
import './styles/library.css';
import './styles/practice.css';
import './styles/progress.css';
import './styles/calc.css';
import './styles/phone.css';
import { render } from 'preact';
import { adoptTokenFromHash } from './api';
import { Shell } from './shell';

adoptTokenFromHash();
const root = document.getElementById('root');
if (root) render(<Shell />, root);
