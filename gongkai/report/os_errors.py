"""The operating system's errors about files, said in Chinese for the command line's one line.

Python's `OSError.strerror` is the C library's English ("No such file or directory"); our users
read Chinese, so every command names the error through `os_reason`. Pure: the report commands
and the platform commands share it.
"""

from __future__ import annotations

import errno

__all__ = ["os_reason"]

_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接形成循环",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "文件系统只读",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多",
    errno.EBUSY: "文件正被占用",
    errno.EEXIST: "文件已存在",
    errno.EFBIG: "文件过大",
    errno.ENXIO: "设备不存在",
    errno.ENODEV: "设备不存在",
}


def os_reason(error: OSError, *, writing: bool = False) -> str:
    """A short Chinese reason for `error` (permission denied, not found, a folder, …)."""
    code = error.errno or 0
    if code in (errno.EACCES, errno.EPERM):
        return "没有写入权限" if writing else "没有读取权限"
    if writing and code == errno.ENOENT:
        return "所在的文件夹不存在"
    if code in _REASONS:
        return _REASONS[code]
    if isinstance(error, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    if isinstance(error, IsADirectoryError):
        return _REASONS[errno.EISDIR]
    if isinstance(error, PermissionError):
        return "没有写入权限" if writing else "没有读取权限"
    action = "写入" if writing else "读取"
    return f"{action}失败（系统错误号 {code}）" if code else f"{action}失败"
