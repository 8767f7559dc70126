/*
 * The sign-in page of the review server: static HTML without any script (the Content-Security-Policy
 * forbids inline script anyway), in both languages. Nothing from a request is written into it.
 */

const FAILED = `<p role="alert" class="failed">Sai tên hoặc mật khẩu, hoặc đăng nhập sai quá nhiều lần: thử lại sau ít phút.<br>
Wrong name or password, or too many failed sign-ins: try again in a few minutes.</p>`;

/** The page; `failed` adds the line saying the last attempt failed. */
export function loginPage(failed: boolean): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập thẩm định / Review sign-in — plan-layers</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
label { display: block; margin: 0.75rem 0 0.25rem; }
input { width: 100%; padding: 0.4rem; font: inherit; box-sizing: border-box; }
button { margin-top: 1rem; padding: 0.5rem 1rem; font: inherit; }
.failed { color: #a40000; }
.en { color: #555; }
</style>
</head>
<body>
<h1>Đăng nhập thẩm định <span class="en">/ Review sign-in</span></h1>
${failed ? FAILED : ""}
<form method="post" action="/login">
<label for="name">Tên <span class="en">/ Name</span></label>
<input id="name" name="name" autocomplete="username" required maxlength="100">
<label for="password">Mật khẩu <span class="en">/ Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">Đăng nhập / Sign in</button>
</form>
<p class="en">Chưa có tài khoản? Nhờ quản trị máy chủ tạo (npm run serve -- add-user). / No account? Ask the server's administrator (npm run serve -- add-user).</p>
</body>
</html>
`;
}
