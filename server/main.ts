// `npm start`: the same as `npx schakel start`.
import { run } from './cli';

run(['start']);
