import { navigate } from '../router';

/** After a book is created it becomes the current one, and the accountant lands on its chart. */
export function openNewBook(community: string, setBook: (book: string) => void): void {
  setBook(community);
  navigate('/accounts', { created: community });
}
