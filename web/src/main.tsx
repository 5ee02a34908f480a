// Entry of the web app: takes the token from the URL fragment, loads the styles (KaTeX's bundled by Vite) and mounts.
import 'katex/dist/katex.min.css';
import './styles.css';
import { render } from 'preact';
import { adoptTokenFromHash } from './api';
import { Shell } from './shell';

adoptTokenFromHash();
const root = document.getElementById('root');
if (root) render(<Shell />, root);
