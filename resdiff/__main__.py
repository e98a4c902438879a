from resdiff.cli.entry import main

main()
