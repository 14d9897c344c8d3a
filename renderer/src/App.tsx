import { useEffect, useRef } from 'react';
import { useApi } from './api';
import { confirmDiscard } from './leave';
import { href, navigate, useRoute } from './router';
import { screens } from './screens/registry';
import { useSession, type Operator } from './session';
import { Empty, Page, Select } from './ui/components';
import { OperatorPicker } from './screens/OperatorPicker';
import { roleText } from './labels';

/** The window: top bar (operator, community), navigation, and the current screen. */
export function App() {
  const session = useSession();
  const route = useRoute();
  const books = useApi('book.list', {});
  const operators = useApi('operator.list', {});

  // Alt+key jumps to a screen from anywhere, without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const screen = screens.find((s) => s.key && s.key.toLowerCase() === e.key.toLowerCase());
      if (screen) {
        e.preventDefault();
        navigate(screen.path);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The signed-in operator as this file lists them (same id and name: an operator remembered from
  // another centre file must choose again). A rename made in this window is trusted while the list
  // still shows the name it had; a role changed elsewhere is taken from the list.
  const listed = operators.data?.find(
    (o) => o.id === session.operator?.id && o.name === session.operator?.name,
  );
  const confirmed = useRef<Operator>(undefined);
  if (listed) confirmed.current = listed;
  const renamedHere =
    confirmed.current?.id === session.operator?.id &&
    operators.data?.some((o) => o.id === confirmed.current?.id && o.name === confirmed.current?.name);
  useEffect(() => {
    if (listed && (listed.role !== session.operator?.role || listed.active !== session.operator?.active))
      session.setOperator(listed);
  });
  const known = listed ? listed.active : renamedHere;
  if (!session.operator || (operators.data && !known)) return <OperatorPicker />;

  const bookList = books.data ?? [];
  const book = bookList.find((b) => b.community === session.book) ? session.book : bookList[0]?.community;
  const screen = screens.find((s) => s.path === route.path) ?? screens[0]!;
  const Screen = screen.component;
  const groups = [...new Set(screens.map((s) => s.group))];

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">居财账簿</span>
        <label className="who" title="当前账套">
          账套
          <Select
            aria-label="当前账套"
            value={book ?? ''}
            onChange={(e) => {
              if (confirmDiscard()) session.setBook(e.target.value);
            }}
            style={{ minWidth: 160 }}
          >
            {bookList.length === 0 && <option value="">（尚未建账）</option>}
            {bookList.map((b) => (
              <option key={b.id} value={b.community}>
                {b.community}
              </option>
            ))}
          </Select>
        </label>
        <span className="spacer" />
        <span className="who" data-testid="operator">
          操作员 <strong>{session.operator.name}</strong>
          <span className="badge closed">{roleText[session.operator.role]}</span>
          <a
            href="#/"
            onClick={(e) => {
              if (confirmDiscard()) session.setOperator(undefined);
              else e.preventDefault();
            }}
          >
            切换
          </a>
        </span>
      </header>
      <nav className="nav" aria-label="导航">
        {groups.map((group) => (
          <div key={group}>
            <div className="group">{group}</div>
            {screens
              .filter((s) => s.group === group)
              .map((s) => (
                <a key={s.path} href={href(s.path)} className={s === screen ? 'active' : ''}>
                  {s.title}
                  {s.key && <span className="key">Alt+{s.key}</span>}
                </a>
              ))}
          </div>
        ))}
      </nav>
      <main className="main">
        {screen.book && !book ? (
          <Page title={screen.title}>
            <Empty>
              还没有账套。请先在 <a href={href('/communities')}>社区与账套</a> 中添加社区并建账。
            </Empty>
          </Page>
        ) : (
          <BookKey book={book}>
            <Screen />
          </BookKey>
        )}
      </main>
    </div>
  );
}

/** Remounts the screen when the community changes, so no figure of one book lingers on another's. */
function BookKey({ book, children }: { book: string | undefined; children: React.ReactNode }) {
  return <div key={book ?? ''}>{children}</div>;
}
