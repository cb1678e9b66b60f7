// Everything the popup draws after its rows, in one module: one chunk to fetch after the first
// paint, and the code the first paint needs stays in one or two files (each file fetched costs more
// than its bytes when the popup opens).
export { AfterList } from './AfterList';
export { ConsentSection } from './ConsentSection';
export { CookieDetails } from './CookieDetails';
export { HiddenParents } from './HiddenParents';
export { NotPortal } from './NotPortal';
export { UndoList } from './UndoList';
export { learnCharteFromPage } from './learn-charte';
