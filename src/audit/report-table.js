// audit.html's only script, inlined at build: sorts on a heading's click, filters as one types.
const table = document.querySelector('table');
const rows = [...table.tBodies[0].rows];
const filter = document.getElementById('filter');
const failing = document.getElementById('failing');
const count = document.getElementById('count');
const template = count.dataset.template;
function apply() {
  const words = filter.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const visible = row.dataset.host.includes(words) && (!failing.checked || row.dataset.failing === 'true');
    row.hidden = !visible;
    if (visible) shown++;
  }
  count.textContent = template.replace('$1', shown).replace('$2', rows.length);
}
filter.addEventListener('input', apply);
failing.addEventListener('change', apply);
for (const [column, heading] of [...table.tHead.rows[0].cells].entries()) {
  heading.querySelector('button').addEventListener('click', () => {
    const direction = heading.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    heading.setAttribute('aria-sort', direction);
    const key = (row) => row.cells[column].dataset.sort;
    rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (direction === 'ascending' ? 1 : -1));
    table.tBodies[0].append(...rows);
  });
}
apply();
