/**
 * Placeholder page until the real web client (step 5): shows that the server answers and
 * where the API documentation is. It talks to the server only through the SDK.
 */
import { createHttpClient } from '@parley/sdk';
import './style.css';

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const zh = navigator.language.toLowerCase().startsWith('zh');

const text = zh
  ? {
      ok: (v: string, r: string) => `服务器正在运行（版本 ${v}，注册方式：${r}）。网页客户端即将推出。`,
      down: '无法连接服务器。',
      docs: 'API 文档',
    }
  : {
      ok: (v: string, r: string) =>
        `The server is running (version ${v}, registration: ${r}). The web client is coming soon.`,
      down: 'Cannot reach the server.',
      docs: 'API documentation',
    };

createHttpClient({ baseUrl: location.origin })
  .serverInfo()
  .then((info) => {
    status.textContent = text.ok(info.version, info.registration);
    const link = document.createElement('a');
    link.href = '/api/docs';
    link.textContent = text.docs;
    status.after(link);
  })
  .catch(() => {
    status.textContent = text.down;
  });
