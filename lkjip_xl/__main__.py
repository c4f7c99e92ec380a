from lkjip_xl.cli import main

main()
