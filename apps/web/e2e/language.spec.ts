import { chatItem, directChat, messageLog, messageRows, write } from './support/chat.ts';
import { expect, test } from './support/fixtures.ts';

/** 中文 / English: the switch on the sign-in screen, the browser's language, and reloads. */

test('switching to Chinese and back changes the texts, and the choice survives a reload', async ({
  people,
}) => {
  const { page } = await people.visitor();
  const language = page.getByLabel('Language / 语言');
  await expect(page.getByRole('tab', { name: 'Sign in' })).toBeVisible();

  await language.selectOption('zh');
  await expect(page.getByRole('tab', { name: '登录' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '注册' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await expect(page.getByRole('tab', { name: '登录' })).toBeVisible();
  await expect(page.getByLabel('Language / 语言')).toHaveValue('zh');

  await page.getByLabel('Language / 语言').selectOption('en');
  await expect(page.getByRole('tab', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Register' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a Chinese browser gets Chinese, signed in too', async ({ people }) => {
  const li = await people.signedIn('li', { locale: 'zh-CN', displayName: '李雷' });
  await expect(li.page.getByRole('tab', { name: '消息' })).toBeVisible();
  await expect(li.page.getByRole('tab', { name: '通讯录' })).toBeVisible();
  await expect(li.page.getByRole('button', { name: '个人资料与设置' })).toContainText('李雷');
});

test('a chat in Chinese: notices, read marks and recalls are in Chinese', async ({ people }) => {
  const li = await people.signedIn('li', { locale: 'zh-CN', displayName: '李雷' });
  const mei = await people.signedIn('mei', { locale: 'zh-CN', displayName: '韩梅梅' });
  const id = await directChat(li, mei);
  await expect(messageLog(li.page).getByText('你们已经是好友了，打个招呼吧！')).toBeVisible();
  await write(li.page, '你好，韩梅梅！');
  const mine = messageRows(li.page, '你好，韩梅梅！');
  await expect(messageRows(mei.page, '你好，韩梅梅！')).toHaveCount(1);
  await expect(mine.getByText('已读')).toBeVisible();
  await expect(chatItem(mei.page, id)).toContainText('你好，韩梅梅！');
  await mine.hover();
  await mine.getByRole('button', { name: '更多操作' }).click();
  await li.page.getByRole('menuitem', { name: '撤回' }).click();
  await expect(messageLog(mei.page).getByText('李雷撤回了一条消息')).toBeVisible();
  await expect(messageLog(li.page).getByText('我撤回了一条消息')).toBeVisible();
});
